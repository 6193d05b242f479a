-- The weighted pipeline is answered from money_aggregate (measure 'pipeline:' + dimension, per currency);
-- pipeline_aggregate was still written by the projection and the rebuild but never read.
drop table if exists pipeline_aggregate;
