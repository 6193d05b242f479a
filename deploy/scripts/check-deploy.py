#!/usr/bin/env python3
"""Checks what can be checked of the deployment without Docker or a cluster:
- every kustomization (base and overlays) renders with `kubectl kustomize`;
- every env var a manifest or the compose file sets is a config property the service reads
  (its application.properties or the shared suite-common defaults), or only feeds a $(VAR) reference;
- every service module has a Deployment, Service, PDB and HPA, and a compose service with a build config;
- probes point at the health endpoints (/q/health/live, /q/health/ready, /q/health/started).
Exit code 1 with a list of problems, 0 when all hold."""
import os
import re
import subprocess
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICES = ["pipeline-config-service", "opportunity-service", "approval-service", "holding-service", "analytics-service"]
PROBES = {"livenessProbe": "/q/health/live", "readinessProbe": "/q/health/ready", "startupProbe": "/q/health/started"}
problems = []


def env_key(prop):
    """MicroProfile Config's environment-variable form of a property name."""
    return re.sub(r"[^A-Za-z0-9]", "_", prop).upper()


def properties_of(service):
    keys = set()
    files = [os.path.join(ROOT, service, "src/main/resources/application.properties"),
             os.path.join(ROOT, "platform/suite-common/src/main/resources/META-INF/microprofile-config.properties")]
    for path in files:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#") or "=" not in line:
                    continue
                key = line.split("=", 1)[0].strip()
                key = re.sub(r"^%[\w,-]+\.", "", key)
                keys.add(env_key(key))
    return keys


def check_env(where, service, env_names, referenced):
    readable = properties_of(service)
    for name in env_names:
        if name in readable or name in referenced:
            continue
        problems.append(f"{where}: env {name} is not a config property {service} reads")


def render(path):
    out = subprocess.run(["kubectl", "kustomize", path], capture_output=True, text=True)
    if out.returncode != 0:
        problems.append(f"kubectl kustomize {path} failed: {out.stderr.strip()}")
        return []
    return [d for d in yaml.safe_load_all(out.stdout) if d]


def check_kubernetes():
    k8s = os.path.join(ROOT, "deploy/k8s")
    targets = ["base"] + [os.path.join("overlays", o) for o in sorted(os.listdir(os.path.join(k8s, "overlays")))]
    for target in targets:
        docs = render(os.path.join(k8s, target))
        if not docs:
            continue
        configmaps = {d["metadata"]["name"]: d.get("data", {}) for d in docs if d["kind"] == "ConfigMap"}
        kinds = {(d["kind"], d["metadata"]["name"]) for d in docs}
        for service in SERVICES:
            for kind in ("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"):
                if (kind, service) not in kinds:
                    problems.append(f"{target}: no {kind} for {service}")
        for d in docs:
            if d["kind"] != "Deployment":
                continue
            service = d["metadata"]["name"]
            for c in d["spec"]["template"]["spec"]["containers"]:
                names, values = [], []
                for e in c.get("env", []):
                    names.append(e["name"])
                    values.append(str(e.get("value", "")))
                for ref in c.get("envFrom", []):
                    cm = ref.get("configMapRef", {}).get("name")
                    if cm:
                        if cm not in configmaps:
                            problems.append(f"{target}/{service}: envFrom names missing ConfigMap {cm}")
                        names.extend(configmaps.get(cm, {}).keys())
                referenced = {m for v in values for m in re.findall(r"\$\((\w+)\)", v)}
                check_env(f"{target}/{service}", service, names, referenced)
                for probe, path in PROBES.items():
                    got = c.get(probe, {}).get("httpGet", {}).get("path")
                    if got != path:
                        problems.append(f"{target}/{service}: {probe} path is {got}, expected {path}")
    topics = [d for d in render(os.path.join(k8s, "base")) if d["kind"] == "KafkaTopic"]
    names = {d["spec"].get("topicName", d["metadata"]["name"]) for d in topics}
    for topic in ["opportunity-events", "pipeline-config-events", "approval-events", "holding-events"]:
        if topic not in names:
            problems.append(f"no KafkaTopic for {topic}")


def check_compose():
    with open(os.path.join(ROOT, "docker-compose.yml")) as f:
        compose = yaml.safe_load(f)
    services = compose["services"]
    for service in SERVICES:
        spec = services.get(service)
        if spec is None:
            problems.append(f"docker-compose.yml: no service {service}")
            continue
        build = spec.get("build")
        if not build:
            problems.append(f"docker-compose.yml: {service} has no build config")
            continue
        dockerfile = os.path.join(ROOT, build.get("context", "."), build.get("dockerfile", "Dockerfile"))
        if not os.path.exists(dockerfile):
            problems.append(f"docker-compose.yml: {service} dockerfile {dockerfile} missing")
        module = build.get("args", {}).get("SERVICE")
        if module != service or not os.path.exists(os.path.join(ROOT, module, "pom.xml")):
            problems.append(f"docker-compose.yml: {service} builds module {module}, which is not this service")
        if "healthcheck" not in spec:
            problems.append(f"docker-compose.yml: {service} has no healthcheck")
        check_env(f"compose/{service}", service, list((spec.get("environment") or {}).keys()), set())


check_kubernetes()
check_compose()
if problems:
    print("deployment check FAILED:")
    for p in problems:
        print("  - " + p)
    sys.exit(1)
print(f"deployment check passed: {len(SERVICES)} services, kustomize base and overlays render, env vars map to config properties, probes and compose builds in place")
