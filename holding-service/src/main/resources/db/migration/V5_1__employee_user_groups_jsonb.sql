-- Employees are searched by user group (the members of a USER_GROUP rule's scope, GET /directory/employees?userGroupId=):
-- jsonb, searched by containment (@>) through a GIN index instead of a cast of text on every row.
-- (V5_1: numbered to stay clear of migrations added alongside; out-of-order is on.)
alter table employee alter column user_groups type jsonb using cast(user_groups as jsonb);
create index employee_user_groups on employee using gin (user_groups jsonb_path_ops);
