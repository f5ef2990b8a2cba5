-- Every tenant-owned table calls this once: rows are visible and writable only for the tenant set by
-- set_config('app.tenant_id', ..., true) in the current transaction; without one, no rows at all.
CREATE FUNCTION clinic_isolate_tenant(target regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)',
        target);
END;
$$;
