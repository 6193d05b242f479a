// The README's five-minute walkthrough, through clients typed from the services' OpenAPI documents.
// Env: OPPSUITE_TOKEN (an admin's bearer token), OPPSUITE_PIPELINE_URL, OPPSUITE_OPPORTUNITY_URL,
// OPPSUITE_ANALYTICS_URL (default: the local suite's ports). Exits non-zero when a step does not
// answer as the walkthrough says.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths as PipelinePaths } from "./generated/pipeline.js";
import type { paths as OpportunityPaths, components as OpportunityComponents } from "./generated/opportunity.js";
import type { paths as AnalyticsPaths } from "./generated/analytics.js";

type UnprocessableProblem = OpportunityComponents["schemas"]["UnprocessableProblem"];

const token = process.env.OPPSUITE_TOKEN;
if (!token) {
  throw new Error("OPPSUITE_TOKEN is not set");
}
const auth: Middleware = {
  onRequest({ request }) {
    request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
};
const pipeline = createClient<PipelinePaths>({ baseUrl: process.env.OPPSUITE_PIPELINE_URL ?? "http://localhost:8082" });
const opportunities = createClient<OpportunityPaths>({ baseUrl: process.env.OPPSUITE_OPPORTUNITY_URL ?? "http://localhost:8081" });
const analytics = createClient<AnalyticsPaths>({ baseUrl: process.env.OPPSUITE_ANALYTICS_URL ?? "http://localhost:8085" });
[pipeline, opportunities, analytics].forEach((client) => client.use(auth));

function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(`walkthrough: ${message}`);
  }
}

function etagOf(response: Response): string {
  const etag = response.headers.get("ETag");
  check(etag !== null, "an ETag on every answer that returns a record");
  return etag;
}

// 1. A process: the tenant's default one; require an amount before "needs-analysis"
const listed = await pipeline.GET("/sales-processes", { params: { query: { default: true } } });
check(listed.data !== undefined, `the default process is listed (${listed.response.status})`);
const process0 = listed.data.items?.[0];
check(process0 !== undefined && process0.id !== undefined && process0.id !== null, "a new tenant has a default process");
const processId: string = process0.id;
const settings = await pipeline.PUT("/sales-processes/{id}/stages/{key}/settings", {
  params: { path: { id: processId, key: "needs-analysis" }, header: { "If-Match": `"${process0.version}"` } },
  body: { entryConditions: [{ field: "amount", operator: "GT", value: 0 }] },
});
check(settings.response.status === 200, `settings saved (${settings.response.status})`);
console.log("1. process", processId, "needs-analysis requires amount > 0");

// 2. A deal
const created = await opportunities.POST("/opportunities", {
  params: { header: { "Idempotency-Key": `walkthrough-${Date.now()}` } },
  body: { name: `Acme fleet renewal ${Date.now()}`, accountName: "Acme", currency: "EUR", salesProcessId: processId },
});
check(created.response.status === 201 && created.data !== undefined, `deal created (${created.response.status})`);
const dealId = created.data.id;
check(typeof dealId === "string", "the deal has an id");
console.log("2. deal", dealId, "in", created.data.stageKey);

// 3. A refused move, its typed problem, and readiness that agrees
const refused = await opportunities.POST("/opportunities/{id}/stage-transitions", {
  params: { path: { id: dealId }, header: { "If-Match": etagOf(created.response) } },
  body: { toStage: "needs-analysis" },
});
check(refused.response.status === 422, `the move is refused (${refused.response.status})`);
const problem = refused.error as UnprocessableProblem;
check(problem.type.endsWith("/stage-transition-refused") && (problem.unmetRules?.length ?? 0) === 1, "one unmet rule");
const readiness = await opportunities.GET("/opportunities/{id}/stage-readiness", {
  params: { path: { id: dealId }, query: { to: "needs-analysis" } },
});
check(readiness.data?.ready === false, "readiness says not ready");
console.log("3. refused:", problem.unmetRules?.[0]?.detail);

// 4. A move: set the amount (JSON Merge Patch), then move with the new version
const patched = await opportunities.PATCH("/opportunities/{id}", {
  params: { path: { id: dealId }, header: { "If-Match": etagOf(created.response) } },
  body: { amount: 48000, expectedCloseDate: "2027-03-31" },
});
check(patched.response.status === 200, `patched (${patched.response.status})`);
const moved = await opportunities.POST("/opportunities/{id}/stage-transitions", {
  params: { path: { id: dealId }, header: { "If-Match": etagOf(patched.response) } },
  body: { toStage: "needs-analysis" },
});
check(moved.response.status === 200 && moved.data?.stageKey === "needs-analysis", `moved (${moved.response.status})`);
console.log("4. moved to", moved.data.stageKey, "win rate", moved.data.winRate);

// 5. The report and the weighted pipeline, once analytics has the events
let entered = 0;
for (let attempt = 0; attempt < 60 && entered === 0; attempt++) {
  const report = await analytics.GET("/analytics/sales-processes/{id}/stage-transitions", { params: { path: { id: processId } } });
  entered = report.data?.stages?.find((stage: { key?: string | null }) => stage.key === "needs-analysis")?.totalOpportunities ?? 0;
  if (entered === 0) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
check(entered === 1, "the report counts the deal in needs-analysis");
const weighted = await analytics.GET("/analytics/weighted-pipeline", { params: { query: { groupBy: "stage" } } });
check(weighted.data?.total?.opportunities === 1, "the weighted pipeline holds the deal");
console.log("5. report: 1 in needs-analysis; weighted", weighted.data.total.weightedAmount);
