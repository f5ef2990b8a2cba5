-- Cookieless analytics: page views per clinic-local day, path and referring site. Nothing that identifies a visitor.
-- day is the clinic's local date as yyyy-MM-dd; referrer is the referring site's host, '' for none.
CREATE TABLE cookies_page_views (
    tenant_id TEXT NOT NULL,
    day TEXT NOT NULL,
    path TEXT NOT NULL,
    referrer TEXT NOT NULL,
    views INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, day, path, referrer)
);
