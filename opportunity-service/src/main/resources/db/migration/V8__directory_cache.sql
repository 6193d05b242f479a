-- holding-service's directory as published on holding-events: who an overdue reminder goes to.
create table directory_employee (
    tenant_id     varchar(64) not null,
    employee_id   varchar(64) not null,
    department_id varchar(64),
    manager_id    varchar(64),
    primary key (tenant_id, employee_id)
);

create table directory_department (
    tenant_id     varchar(64) not null,
    department_id varchar(64) not null,
    manager_id    varchar(64),
    primary key (tenant_id, department_id)
);
