CREATE TABLE billing_invoices (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    client_id uuid NOT NULL,
    number text NOT NULL,
    total numeric(12, 2) NOT NULL,
    currency char(3) NOT NULL,
    status text NOT NULL,
    issued_at timestamptz NOT NULL,
    UNIQUE (tenant_id, number)
);
SELECT clinic_isolate_tenant('billing_invoices');
