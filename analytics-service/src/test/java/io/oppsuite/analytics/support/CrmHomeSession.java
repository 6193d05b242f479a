package io.oppsuite.analytics.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * Test only: the session of the stand-in CRM home page ({@code test-crm-home.html}), which holds the
 * user's token as a real CRM would (its own session) and hands it to the funnel chart.
 */
@Path("/test-crm/session")
public class CrmHomeSession {

    public static volatile String token;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> session() {
        return Map.of("token", token);
    }
}
