-- Cookieless analytics: page views per clinic-local day, path and referring site. Nothing that identifies a visitor.
-- day is the clinic's local date as yyyy-MM-dd (text on both engines, so the same SQL compares it); referrer is the
-- referring site's host, '' for none.
CREATE TABLE cookies_page_views (
    tenant_id uuid NOT NULL,
    day text NOT NULL,
    path text NOT NULL,
    referrer text NOT NULL,
    views integer NOT NULL,
    PRIMARY KEY (tenant_id, day, path, referrer)
);
SELECT clinic_isolate_tenant('cookies_page_views');
