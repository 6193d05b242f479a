package io.oppsuite.analytics.rebuild;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The operator interface's own listener ({@code analytics.operator.*}): rebuilds are not on the public API. */
@ConfigMapping(prefix = "analytics.operator")
public interface OperatorSettings {

    /** Default: the API port + 1100 (9185 beside 8085), so stacks that move the API port move this one too. */
    Optional<Integer> port();

    /** Loopback by default: reachable from the pod (kubectl exec / port-forward), not the network. */
    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("true")
    boolean enabled();
}
