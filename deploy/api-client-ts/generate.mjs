// Types for each service from the document its build stored (target/openapi/openapi.yaml).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

const services = {
  pipeline: "pipeline-config-service",
  opportunity: "opportunity-service",
  approval: "approval-service",
  holding: "holding-service",
  analytics: "analytics-service",
};
mkdirSync("src/generated", { recursive: true });
for (const [name, service] of Object.entries(services)) {
  execFileSync("npx", ["--no-install", "openapi-typescript", `../../${service}/target/openapi/openapi.yaml`, "-o", `src/generated/${name}.ts`],
    { stdio: "inherit" });
}
