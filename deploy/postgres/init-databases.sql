-- One database per service: services never share a schema (docs/architecture.md).
create database oppsuite_opportunity;
create database oppsuite_pipeline;
create database oppsuite_approval;
create database oppsuite_holding;
create database oppsuite_analytics;
