-- Keygate schema, version 14: one row that first-start seeding locks (SELECT ... FOR UPDATE), so
-- that nodes started at the same moment on an empty database seed it one after the other. Flyway's
-- lock covers the migration only; without this row both nodes found no admin, both created one, and
-- the second node's deployment failed on the unique user name (or two demo teams were made).
-- Plain SQL for H2 2.x and PostgreSQL 13+.
CREATE TABLE first_start_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO first_start_lock (id) VALUES (1);
