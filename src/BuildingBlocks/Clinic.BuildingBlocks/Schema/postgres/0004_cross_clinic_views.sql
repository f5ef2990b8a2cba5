-- A background job must find its due work in every clinic before it can bind a transaction to one. It finds it through
-- a view that the owner role owns (named <table>_all_clinics): a view reads its tables with its owner's rights, so this
-- policy lets such views see every clinic's rows of the table, while the application role, reading the table itself,
-- still sees only the clinic set in its transaction. Each such view shows ids and times only; the job reads and writes
-- everything else inside that clinic's own transaction. Only reads are opened: writes stay bound to the clinic.
CREATE FUNCTION clinic_open_to_owner_views(target regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE POLICY owner_views ON %s FOR SELECT TO %I USING (true)', target, current_user);
END;
$$;
