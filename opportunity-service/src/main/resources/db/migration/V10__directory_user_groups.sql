-- The directory's user groups per employee (JSON array of group ids, read with the employee, never
-- queried): who may move a deal into a stage with transition owners, who belongs to a pool.
alter table directory_employee add column user_groups text not null default '[]';
