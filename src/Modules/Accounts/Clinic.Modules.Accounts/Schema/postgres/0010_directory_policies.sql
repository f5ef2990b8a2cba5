-- The clinic directory (issue 14) is read before any clinic is known: tenant resolution looks a host name up in it,
-- and jobs that visit every clinic list it. So everyone may read it; it holds what each clinic's own website shows
-- (its name and addresses) and its time zone and currency. Only a clinic may change its own entry, so SQL run for one
-- clinic can neither rename another nor take over its host name; a new clinic is written in its own transaction.
ALTER TABLE accounts_tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts_tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON accounts_tenants USING (id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY clinic_directory ON accounts_tenants FOR SELECT USING (true);

SELECT clinic_isolate_tenant('accounts_tenant_hosts');
CREATE POLICY clinic_directory ON accounts_tenant_hosts FOR SELECT USING (true);
