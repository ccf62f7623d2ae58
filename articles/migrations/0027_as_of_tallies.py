"""What /deals/?as_of= reads instead of the half a million status periods
open on a day: the deals' status changes by day, month and year (the counts
and facets), and the periods that began before their deal's announcement
(the deals listed on a day before they were announced). The tables, then the
triggers of both tables that feed each (articles.tallies), which count the
status periods already held."""

from django.db import migrations, models

# The SQL of articles.tallies.STATUS_DAYS, STATUS_DAYS_OF_DEALS, EARLY_PERIODS
# and EARLY_PERIODS_OF_DEALS when this migration was written, frozen here so
# that what it builds never changes with that module (tests/test_migrations.py
# compares them).
STATUS_DAY_TALLY = {
    "create": [
        "CREATE FUNCTION articles_deal_status_day_tally_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_dealstatusdaytally AS tally (span, "
        "starts_on, status, deal_type, country, year, deals) SELECT span, starts_on, status, "
        "deal_type, country, year, SUM(delta) FROM (SELECT b.span, b.starts_on, r.status, "
        "d.deal_type, code, coalesce(extract(year FROM d.announced_on)::int, 0), 1 * ev.weight "
        "AS delta FROM new_rows AS r JOIN articles_deal AS d ON d.id = r.deal_id, LATERAL "
        "(SELECT DISTINCT code FROM unnest(array_append(string_to_array(coalesce(d.countries, "
        "''), ','), '')) AS code) AS codes, LATERAL (SELECT e.day, e.weight FROM (VALUES "
        "(r.started_on, 1), (r.ended_on, -1)) AS e (day, weight) WHERE e.day IS NOT NULL AND "
        "r.started_on IS NOT NULL AND (r.is_current OR r.ended_on IS NOT NULL)) AS ev, LATERAL "
        "(VALUES ('y', date_trunc('year', ev.day)::date), ('m', date_trunc('month', "
        "ev.day)::date), ('d', ev.day)) AS b (span, starts_on)) AS changes (span, starts_on, "
        "status, deal_type, country, year, delta) GROUP BY span, starts_on, status, deal_type, "
        "country, year ORDER BY span, starts_on, status, deal_type, country, year ON CONFLICT "
        "(span, starts_on, status, deal_type, country, year) DO UPDATE SET deals = tally.deals "
        "+ EXCLUDED.deals; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_status_day_tally_insert AFTER INSERT ON "
        "articles_dealstatusperiod REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_deal_status_day_tally_insert();",
        "CREATE FUNCTION articles_deal_status_day_tally_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_dealstatusdaytally AS tally (span, "
        "starts_on, status, deal_type, country, year, deals) SELECT span, starts_on, status, "
        "deal_type, country, year, SUM(delta) FROM (SELECT b.span, b.starts_on, r.status, "
        "d.deal_type, code, coalesce(extract(year FROM d.announced_on)::int, 0), -1 * "
        "ev.weight AS delta FROM old_rows AS r JOIN articles_deal AS d ON d.id = r.deal_id, "
        "LATERAL (SELECT DISTINCT code FROM "
        "unnest(array_append(string_to_array(coalesce(d.countries, ''), ','), '')) AS code) AS "
        "codes, LATERAL (SELECT e.day, e.weight FROM (VALUES (r.started_on, 1), (r.ended_on, "
        "-1)) AS e (day, weight) WHERE e.day IS NOT NULL AND r.started_on IS NOT NULL AND "
        "(r.is_current OR r.ended_on IS NOT NULL)) AS ev, LATERAL (VALUES ('y', "
        "date_trunc('year', ev.day)::date), ('m', date_trunc('month', ev.day)::date), ('d', "
        "ev.day)) AS b (span, starts_on)) AS changes (span, starts_on, status, deal_type, "
        "country, year, delta) GROUP BY span, starts_on, status, deal_type, country, year "
        "ORDER BY span, starts_on, status, deal_type, country, year ON CONFLICT (span, "
        "starts_on, status, deal_type, country, year) DO UPDATE SET deals = tally.deals + "
        "EXCLUDED.deals; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_status_day_tally_delete AFTER DELETE ON "
        "articles_dealstatusperiod REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_deal_status_day_tally_delete();",
        "CREATE FUNCTION articles_deal_status_day_tally_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_dealstatusdaytally AS tally (span, "
        "starts_on, status, deal_type, country, year, deals) SELECT span, starts_on, status, "
        "deal_type, country, year, SUM(delta) FROM (SELECT b.span, b.starts_on, r.status, "
        "d.deal_type, code, coalesce(extract(year FROM d.announced_on)::int, 0), -1 * "
        "ev.weight AS delta FROM (SELECT id, deal_id, status, started_on, ended_on, is_current "
        "FROM old_rows EXCEPT ALL SELECT id, deal_id, status, started_on, ended_on, is_current "
        "FROM new_rows) AS r JOIN articles_deal AS d ON d.id = r.deal_id, LATERAL (SELECT "
        "DISTINCT code FROM unnest(array_append(string_to_array(coalesce(d.countries, ''), "
        "','), '')) AS code) AS codes, LATERAL (SELECT e.day, e.weight FROM (VALUES "
        "(r.started_on, 1), (r.ended_on, -1)) AS e (day, weight) WHERE e.day IS NOT NULL AND "
        "r.started_on IS NOT NULL AND (r.is_current OR r.ended_on IS NOT NULL)) AS ev, LATERAL "
        "(VALUES ('y', date_trunc('year', ev.day)::date), ('m', date_trunc('month', "
        "ev.day)::date), ('d', ev.day)) AS b (span, starts_on) UNION ALL SELECT b.span, "
        "b.starts_on, r.status, d.deal_type, code, coalesce(extract(year FROM "
        "d.announced_on)::int, 0), 1 * ev.weight AS delta FROM (SELECT id, deal_id, status, "
        "started_on, ended_on, is_current FROM new_rows EXCEPT ALL SELECT id, deal_id, status, "
        "started_on, ended_on, is_current FROM old_rows) AS r JOIN articles_deal AS d ON d.id "
        "= r.deal_id, LATERAL (SELECT DISTINCT code FROM "
        "unnest(array_append(string_to_array(coalesce(d.countries, ''), ','), '')) AS code) AS "
        "codes, LATERAL (SELECT e.day, e.weight FROM (VALUES (r.started_on, 1), (r.ended_on, "
        "-1)) AS e (day, weight) WHERE e.day IS NOT NULL AND r.started_on IS NOT NULL AND "
        "(r.is_current OR r.ended_on IS NOT NULL)) AS ev, LATERAL (VALUES ('y', "
        "date_trunc('year', ev.day)::date), ('m', date_trunc('month', ev.day)::date), ('d', "
        "ev.day)) AS b (span, starts_on)) AS changes (span, starts_on, status, deal_type, "
        "country, year, delta) GROUP BY span, starts_on, status, deal_type, country, year "
        "ORDER BY span, starts_on, status, deal_type, country, year ON CONFLICT (span, "
        "starts_on, status, deal_type, country, year) DO UPDATE SET deals = tally.deals + "
        "EXCLUDED.deals; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_status_day_tally_update AFTER UPDATE ON "
        "articles_dealstatusperiod REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_deal_status_day_tally_update();",
        "CREATE FUNCTION articles_deal_status_day_tally_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_dealstatusdaytally; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_status_day_tally_truncate AFTER TRUNCATE ON "
        "articles_dealstatusperiod  FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_status_day_tally_truncate();",
        "INSERT INTO articles_dealstatusdaytally AS tally (span, starts_on, status, deal_type, "
        "country, year, deals) SELECT span, starts_on, status, deal_type, country, year, "
        "SUM(delta) FROM (SELECT b.span, b.starts_on, r.status, d.deal_type, code, "
        "coalesce(extract(year FROM d.announced_on)::int, 0), 1 * ev.weight AS delta FROM "
        "articles_dealstatusperiod AS r JOIN articles_deal AS d ON d.id = r.deal_id, LATERAL "
        "(SELECT DISTINCT code FROM unnest(array_append(string_to_array(coalesce(d.countries, "
        "''), ','), '')) AS code) AS codes, LATERAL (SELECT e.day, e.weight FROM (VALUES "
        "(r.started_on, 1), (r.ended_on, -1)) AS e (day, weight) WHERE e.day IS NOT NULL AND "
        "r.started_on IS NOT NULL AND (r.is_current OR r.ended_on IS NOT NULL)) AS ev, LATERAL "
        "(VALUES ('y', date_trunc('year', ev.day)::date), ('m', date_trunc('month', "
        "ev.day)::date), ('d', ev.day)) AS b (span, starts_on)) AS changes (span, starts_on, "
        "status, deal_type, country, year, delta) GROUP BY span, starts_on, status, deal_type, "
        "country, year ORDER BY span, starts_on, status, deal_type, country, year ON CONFLICT "
        "(span, starts_on, status, deal_type, country, year) DO UPDATE SET deals = tally.deals "
        "+ EXCLUDED.deals;",
    ],
    "drop": [
        "DROP TRIGGER articles_deal_status_day_tally_insert ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_deal_status_day_tally_insert();",
        "DROP TRIGGER articles_deal_status_day_tally_delete ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_deal_status_day_tally_delete();",
        "DROP TRIGGER articles_deal_status_day_tally_update ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_deal_status_day_tally_update();",
        "DROP TRIGGER articles_deal_status_day_tally_truncate ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_deal_status_day_tally_truncate();",
    ],
}

STATUS_DAY_TALLY_OF_DEALS = {
    "create": [
        "CREATE FUNCTION articles_deal_status_day_tally_of_deals_insert() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_dealstatusdaytally AS tally (span, "
        "starts_on, status, deal_type, country, year, deals) SELECT span, starts_on, status, "
        "deal_type, country, year, SUM(delta) FROM (SELECT b.span, b.starts_on, p.status, "
        "r.deal_type, code, coalesce(extract(year FROM r.announced_on)::int, 0), 1 * ev.weight "
        "AS delta FROM new_rows AS r JOIN articles_dealstatusperiod AS p ON p.deal_id = r.id, "
        "LATERAL (SELECT DISTINCT code FROM "
        "unnest(array_append(string_to_array(coalesce(r.countries, ''), ','), '')) AS code) AS "
        "codes, LATERAL (SELECT e.day, e.weight FROM (VALUES (p.started_on, 1), (p.ended_on, "
        "-1)) AS e (day, weight) WHERE e.day IS NOT NULL AND p.started_on IS NOT NULL AND "
        "(p.is_current OR p.ended_on IS NOT NULL)) AS ev, LATERAL (VALUES ('y', "
        "date_trunc('year', ev.day)::date), ('m', date_trunc('month', ev.day)::date), ('d', "
        "ev.day)) AS b (span, starts_on)) AS changes (span, starts_on, status, deal_type, "
        "country, year, delta) GROUP BY span, starts_on, status, deal_type, country, year "
        "ORDER BY span, starts_on, status, deal_type, country, year ON CONFLICT (span, "
        "starts_on, status, deal_type, country, year) DO UPDATE SET deals = tally.deals + "
        "EXCLUDED.deals; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_status_day_tally_of_deals_insert AFTER INSERT ON "
        "articles_deal REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_status_day_tally_of_deals_insert();",
        "CREATE FUNCTION articles_deal_status_day_tally_of_deals_delete() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_dealstatusdaytally AS tally (span, "
        "starts_on, status, deal_type, country, year, deals) SELECT span, starts_on, status, "
        "deal_type, country, year, SUM(delta) FROM (SELECT b.span, b.starts_on, p.status, "
        "r.deal_type, code, coalesce(extract(year FROM r.announced_on)::int, 0), -1 * "
        "ev.weight AS delta FROM old_rows AS r JOIN articles_dealstatusperiod AS p ON "
        "p.deal_id = r.id, LATERAL (SELECT DISTINCT code FROM "
        "unnest(array_append(string_to_array(coalesce(r.countries, ''), ','), '')) AS code) AS "
        "codes, LATERAL (SELECT e.day, e.weight FROM (VALUES (p.started_on, 1), (p.ended_on, "
        "-1)) AS e (day, weight) WHERE e.day IS NOT NULL AND p.started_on IS NOT NULL AND "
        "(p.is_current OR p.ended_on IS NOT NULL)) AS ev, LATERAL (VALUES ('y', "
        "date_trunc('year', ev.day)::date), ('m', date_trunc('month', ev.day)::date), ('d', "
        "ev.day)) AS b (span, starts_on)) AS changes (span, starts_on, status, deal_type, "
        "country, year, delta) GROUP BY span, starts_on, status, deal_type, country, year "
        "ORDER BY span, starts_on, status, deal_type, country, year ON CONFLICT (span, "
        "starts_on, status, deal_type, country, year) DO UPDATE SET deals = tally.deals + "
        "EXCLUDED.deals; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_status_day_tally_of_deals_delete AFTER DELETE ON "
        "articles_deal REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_status_day_tally_of_deals_delete();",
        "CREATE FUNCTION articles_deal_status_day_tally_of_deals_update() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_dealstatusdaytally AS tally (span, "
        "starts_on, status, deal_type, country, year, deals) SELECT span, starts_on, status, "
        "deal_type, country, year, SUM(delta) FROM (SELECT b.span, b.starts_on, p.status, "
        "r.deal_type, code, coalesce(extract(year FROM r.announced_on)::int, 0), -1 * "
        "ev.weight AS delta FROM (SELECT id, deal_type, countries, announced_on FROM old_rows "
        "EXCEPT ALL SELECT id, deal_type, countries, announced_on FROM new_rows) AS r JOIN "
        "articles_dealstatusperiod AS p ON p.deal_id = r.id, LATERAL (SELECT DISTINCT code "
        "FROM unnest(array_append(string_to_array(coalesce(r.countries, ''), ','), '')) AS "
        "code) AS codes, LATERAL (SELECT e.day, e.weight FROM (VALUES (p.started_on, 1), "
        "(p.ended_on, -1)) AS e (day, weight) WHERE e.day IS NOT NULL AND p.started_on IS NOT "
        "NULL AND (p.is_current OR p.ended_on IS NOT NULL)) AS ev, LATERAL (VALUES ('y', "
        "date_trunc('year', ev.day)::date), ('m', date_trunc('month', ev.day)::date), ('d', "
        "ev.day)) AS b (span, starts_on) UNION ALL SELECT b.span, b.starts_on, p.status, "
        "r.deal_type, code, coalesce(extract(year FROM r.announced_on)::int, 0), 1 * ev.weight "
        "AS delta FROM (SELECT id, deal_type, countries, announced_on FROM new_rows EXCEPT ALL "
        "SELECT id, deal_type, countries, announced_on FROM old_rows) AS r JOIN "
        "articles_dealstatusperiod AS p ON p.deal_id = r.id, LATERAL (SELECT DISTINCT code "
        "FROM unnest(array_append(string_to_array(coalesce(r.countries, ''), ','), '')) AS "
        "code) AS codes, LATERAL (SELECT e.day, e.weight FROM (VALUES (p.started_on, 1), "
        "(p.ended_on, -1)) AS e (day, weight) WHERE e.day IS NOT NULL AND p.started_on IS NOT "
        "NULL AND (p.is_current OR p.ended_on IS NOT NULL)) AS ev, LATERAL (VALUES ('y', "
        "date_trunc('year', ev.day)::date), ('m', date_trunc('month', ev.day)::date), ('d', "
        "ev.day)) AS b (span, starts_on)) AS changes (span, starts_on, status, deal_type, "
        "country, year, delta) GROUP BY span, starts_on, status, deal_type, country, year "
        "ORDER BY span, starts_on, status, deal_type, country, year ON CONFLICT (span, "
        "starts_on, status, deal_type, country, year) DO UPDATE SET deals = tally.deals + "
        "EXCLUDED.deals; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_status_day_tally_of_deals_update AFTER UPDATE ON "
        "articles_deal REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_deal_status_day_tally_of_deals_update();",
        "CREATE FUNCTION articles_deal_status_day_tally_of_deals_truncate() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN DELETE FROM articles_dealstatusdaytally; RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_deal_status_day_tally_of_deals_truncate AFTER TRUNCATE ON "
        "articles_deal  FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_status_day_tally_of_deals_truncate();",
    ],
    "drop": [
        "DROP TRIGGER articles_deal_status_day_tally_of_deals_insert ON articles_deal;",
        "DROP FUNCTION articles_deal_status_day_tally_of_deals_insert();",
        "DROP TRIGGER articles_deal_status_day_tally_of_deals_delete ON articles_deal;",
        "DROP FUNCTION articles_deal_status_day_tally_of_deals_delete();",
        "DROP TRIGGER articles_deal_status_day_tally_of_deals_update ON articles_deal;",
        "DROP FUNCTION articles_deal_status_day_tally_of_deals_update();",
        "DROP TRIGGER articles_deal_status_day_tally_of_deals_truncate ON articles_deal;",
        "DROP FUNCTION articles_deal_status_day_tally_of_deals_truncate();",
    ],
}

EARLY_PERIOD_TALLY = {
    "create": [
        "CREATE FUNCTION articles_early_period_tally_insert() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN INSERT INTO articles_earlystatusperiod AS tally (period_id, deal_id, "
        "status, started_on, until, periods) SELECT period_id, deal_id, status, started_on, "
        "until, SUM(delta) FROM (SELECT r.id, r.deal_id, r.status, r.started_on, "
        "coalesce(r.ended_on, '9999-12-31'::date), 1 AS delta FROM new_rows AS r JOIN "
        "articles_deal AS d ON d.id = r.deal_id, LATERAL (SELECT WHERE r.started_on IS NOT "
        "NULL AND (r.is_current OR r.ended_on IS NOT NULL) AND (d.announced_on IS NULL OR "
        "r.started_on < d.announced_on)) AS early) AS changes (period_id, deal_id, status, "
        "started_on, until, delta) GROUP BY period_id, deal_id, status, started_on, until "
        "ORDER BY period_id, deal_id, status, started_on, until ON CONFLICT (period_id, "
        "deal_id, status, started_on, until) DO UPDATE SET periods = tally.periods + "
        "EXCLUDED.periods; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_early_period_tally_insert AFTER INSERT ON "
        "articles_dealstatusperiod REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_early_period_tally_insert();",
        "CREATE FUNCTION articles_early_period_tally_delete() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN INSERT INTO articles_earlystatusperiod AS tally (period_id, deal_id, "
        "status, started_on, until, periods) SELECT period_id, deal_id, status, started_on, "
        "until, SUM(delta) FROM (SELECT r.id, r.deal_id, r.status, r.started_on, "
        "coalesce(r.ended_on, '9999-12-31'::date), -1 AS delta FROM old_rows AS r JOIN "
        "articles_deal AS d ON d.id = r.deal_id, LATERAL (SELECT WHERE r.started_on IS NOT "
        "NULL AND (r.is_current OR r.ended_on IS NOT NULL) AND (d.announced_on IS NULL OR "
        "r.started_on < d.announced_on)) AS early) AS changes (period_id, deal_id, status, "
        "started_on, until, delta) GROUP BY period_id, deal_id, status, started_on, until "
        "ORDER BY period_id, deal_id, status, started_on, until ON CONFLICT (period_id, "
        "deal_id, status, started_on, until) DO UPDATE SET periods = tally.periods + "
        "EXCLUDED.periods; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_early_period_tally_delete AFTER DELETE ON "
        "articles_dealstatusperiod REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_early_period_tally_delete();",
        "CREATE FUNCTION articles_early_period_tally_update() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN INSERT INTO articles_earlystatusperiod AS tally (period_id, deal_id, "
        "status, started_on, until, periods) SELECT period_id, deal_id, status, started_on, "
        "until, SUM(delta) FROM (SELECT r.id, r.deal_id, r.status, r.started_on, "
        "coalesce(r.ended_on, '9999-12-31'::date), -1 AS delta FROM (SELECT id, deal_id, "
        "status, started_on, ended_on, is_current FROM old_rows EXCEPT ALL SELECT id, deal_id, "
        "status, started_on, ended_on, is_current FROM new_rows) AS r JOIN articles_deal AS d "
        "ON d.id = r.deal_id, LATERAL (SELECT WHERE r.started_on IS NOT NULL AND (r.is_current "
        "OR r.ended_on IS NOT NULL) AND (d.announced_on IS NULL OR r.started_on < "
        "d.announced_on)) AS early UNION ALL SELECT r.id, r.deal_id, r.status, r.started_on, "
        "coalesce(r.ended_on, '9999-12-31'::date), 1 AS delta FROM (SELECT id, deal_id, "
        "status, started_on, ended_on, is_current FROM new_rows EXCEPT ALL SELECT id, deal_id, "
        "status, started_on, ended_on, is_current FROM old_rows) AS r JOIN articles_deal AS d "
        "ON d.id = r.deal_id, LATERAL (SELECT WHERE r.started_on IS NOT NULL AND (r.is_current "
        "OR r.ended_on IS NOT NULL) AND (d.announced_on IS NULL OR r.started_on < "
        "d.announced_on)) AS early) AS changes (period_id, deal_id, status, started_on, until, "
        "delta) GROUP BY period_id, deal_id, status, started_on, until ORDER BY period_id, "
        "deal_id, status, started_on, until ON CONFLICT (period_id, deal_id, status, "
        "started_on, until) DO UPDATE SET periods = tally.periods + EXCLUDED.periods; RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_early_period_tally_update AFTER UPDATE ON "
        "articles_dealstatusperiod REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_early_period_tally_update();",
        "CREATE FUNCTION articles_early_period_tally_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_earlystatusperiod; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_early_period_tally_truncate AFTER TRUNCATE ON "
        "articles_dealstatusperiod  FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_early_period_tally_truncate();",
        "INSERT INTO articles_earlystatusperiod AS tally (period_id, deal_id, status, "
        "started_on, until, periods) SELECT period_id, deal_id, status, started_on, until, "
        "SUM(delta) FROM (SELECT r.id, r.deal_id, r.status, r.started_on, coalesce(r.ended_on, "
        "'9999-12-31'::date), 1 AS delta FROM articles_dealstatusperiod AS r JOIN "
        "articles_deal AS d ON d.id = r.deal_id, LATERAL (SELECT WHERE r.started_on IS NOT "
        "NULL AND (r.is_current OR r.ended_on IS NOT NULL) AND (d.announced_on IS NULL OR "
        "r.started_on < d.announced_on)) AS early) AS changes (period_id, deal_id, status, "
        "started_on, until, delta) GROUP BY period_id, deal_id, status, started_on, until "
        "ORDER BY period_id, deal_id, status, started_on, until ON CONFLICT (period_id, "
        "deal_id, status, started_on, until) DO UPDATE SET periods = tally.periods + "
        "EXCLUDED.periods;",
    ],
    "drop": [
        "DROP TRIGGER articles_early_period_tally_insert ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_early_period_tally_insert();",
        "DROP TRIGGER articles_early_period_tally_delete ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_early_period_tally_delete();",
        "DROP TRIGGER articles_early_period_tally_update ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_early_period_tally_update();",
        "DROP TRIGGER articles_early_period_tally_truncate ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_early_period_tally_truncate();",
    ],
}

EARLY_PERIOD_TALLY_OF_DEALS = {
    "create": [
        "CREATE FUNCTION articles_early_period_tally_of_deals_insert() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_earlystatusperiod AS tally "
        "(period_id, deal_id, status, started_on, until, periods) SELECT period_id, deal_id, "
        "status, started_on, until, SUM(delta) FROM (SELECT p.id, p.deal_id, p.status, "
        "p.started_on, coalesce(p.ended_on, '9999-12-31'::date), 1 AS delta FROM new_rows AS r "
        "JOIN articles_dealstatusperiod AS p ON p.deal_id = r.id, LATERAL (SELECT WHERE "
        "p.started_on IS NOT NULL AND (p.is_current OR p.ended_on IS NOT NULL) AND "
        "(r.announced_on IS NULL OR p.started_on < r.announced_on)) AS early) AS changes "
        "(period_id, deal_id, status, started_on, until, delta) GROUP BY period_id, deal_id, "
        "status, started_on, until ORDER BY period_id, deal_id, status, started_on, until ON "
        "CONFLICT (period_id, deal_id, status, started_on, until) DO UPDATE SET periods = "
        "tally.periods + EXCLUDED.periods; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_early_period_tally_of_deals_insert AFTER INSERT ON "
        "articles_deal REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_early_period_tally_of_deals_insert();",
        "CREATE FUNCTION articles_early_period_tally_of_deals_delete() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_earlystatusperiod AS tally "
        "(period_id, deal_id, status, started_on, until, periods) SELECT period_id, deal_id, "
        "status, started_on, until, SUM(delta) FROM (SELECT p.id, p.deal_id, p.status, "
        "p.started_on, coalesce(p.ended_on, '9999-12-31'::date), -1 AS delta FROM old_rows AS "
        "r JOIN articles_dealstatusperiod AS p ON p.deal_id = r.id, LATERAL (SELECT WHERE "
        "p.started_on IS NOT NULL AND (p.is_current OR p.ended_on IS NOT NULL) AND "
        "(r.announced_on IS NULL OR p.started_on < r.announced_on)) AS early) AS changes "
        "(period_id, deal_id, status, started_on, until, delta) GROUP BY period_id, deal_id, "
        "status, started_on, until ORDER BY period_id, deal_id, status, started_on, until ON "
        "CONFLICT (period_id, deal_id, status, started_on, until) DO UPDATE SET periods = "
        "tally.periods + EXCLUDED.periods; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_early_period_tally_of_deals_delete AFTER DELETE ON "
        "articles_deal REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_early_period_tally_of_deals_delete();",
        "CREATE FUNCTION articles_early_period_tally_of_deals_update() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_earlystatusperiod AS tally "
        "(period_id, deal_id, status, started_on, until, periods) SELECT period_id, deal_id, "
        "status, started_on, until, SUM(delta) FROM (SELECT p.id, p.deal_id, p.status, "
        "p.started_on, coalesce(p.ended_on, '9999-12-31'::date), -1 AS delta FROM (SELECT id, "
        "announced_on FROM old_rows EXCEPT ALL SELECT id, announced_on FROM new_rows) AS r "
        "JOIN articles_dealstatusperiod AS p ON p.deal_id = r.id, LATERAL (SELECT WHERE "
        "p.started_on IS NOT NULL AND (p.is_current OR p.ended_on IS NOT NULL) AND "
        "(r.announced_on IS NULL OR p.started_on < r.announced_on)) AS early UNION ALL SELECT "
        "p.id, p.deal_id, p.status, p.started_on, coalesce(p.ended_on, '9999-12-31'::date), 1 "
        "AS delta FROM (SELECT id, announced_on FROM new_rows EXCEPT ALL SELECT id, "
        "announced_on FROM old_rows) AS r JOIN articles_dealstatusperiod AS p ON p.deal_id = "
        "r.id, LATERAL (SELECT WHERE p.started_on IS NOT NULL AND (p.is_current OR p.ended_on "
        "IS NOT NULL) AND (r.announced_on IS NULL OR p.started_on < r.announced_on)) AS early) "
        "AS changes (period_id, deal_id, status, started_on, until, delta) GROUP BY period_id, "
        "deal_id, status, started_on, until ORDER BY period_id, deal_id, status, started_on, "
        "until ON CONFLICT (period_id, deal_id, status, started_on, until) DO UPDATE SET "
        "periods = tally.periods + EXCLUDED.periods; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_early_period_tally_of_deals_update AFTER UPDATE ON "
        "articles_deal REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_early_period_tally_of_deals_update();",
        "CREATE FUNCTION articles_early_period_tally_of_deals_truncate() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN DELETE FROM articles_earlystatusperiod; RETURN NULL; END "
        "$$;",
        "CREATE TRIGGER articles_early_period_tally_of_deals_truncate AFTER TRUNCATE ON "
        "articles_deal  FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_early_period_tally_of_deals_truncate();",
    ],
    "drop": [
        "DROP TRIGGER articles_early_period_tally_of_deals_insert ON articles_deal;",
        "DROP FUNCTION articles_early_period_tally_of_deals_insert();",
        "DROP TRIGGER articles_early_period_tally_of_deals_delete ON articles_deal;",
        "DROP FUNCTION articles_early_period_tally_of_deals_delete();",
        "DROP TRIGGER articles_early_period_tally_of_deals_update ON articles_deal;",
        "DROP FUNCTION articles_early_period_tally_of_deals_update();",
        "DROP TRIGGER articles_early_period_tally_of_deals_truncate ON articles_deal;",
        "DROP FUNCTION articles_early_period_tally_of_deals_truncate();",
    ],
}

TALLIES = [
    STATUS_DAY_TALLY,
    STATUS_DAY_TALLY_OF_DEALS,
    EARLY_PERIOD_TALLY,
    EARLY_PERIOD_TALLY_OF_DEALS,
]


def _execute(schema_editor, statements):
    # The triggers are PostgreSQL's; elsewhere the tallies stay empty and unread.
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create(apps, schema_editor):
    _execute(schema_editor, [statement for tally in TALLIES for statement in tally["create"]])


def drop(apps, schema_editor):
    _execute(
        schema_editor, [statement for tally in reversed(TALLIES) for statement in tally["drop"]]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0026_review_phase_started_on"),
    ]

    operations = [
        migrations.CreateModel(
            name="DealStatusDayTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("span", models.CharField(max_length=1)),
                ("starts_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("rumoured", "Rumoured"),
                            ("in_talks", "In talks"),
                            ("announced", "Announced"),
                            ("pending_approval", "Pending approval"),
                            ("completed", "Completed"),
                            ("abandoned", "Abandoned"),
                            ("blocked", "Blocked"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "deal_type",
                    models.CharField(
                        choices=[
                            ("acquisition", "Acquisition"),
                            ("merger", "Merger"),
                            ("divestiture", "Divestiture"),
                            ("forced_sale", "Forced sale"),
                            ("minority_stake", "Minority stake"),
                            ("partnership", "Partnership"),
                            ("joint_venture", "Joint venture"),
                        ],
                        max_length=20,
                    ),
                ),
                ("country", models.TextField(blank=True)),
                ("year", models.IntegerField(default=0)),
                ("deals", models.IntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("span", "starts_on", "status", "deal_type", "country", "year"),
                        name="deal_status_day_tally_unique",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="EarlyStatusPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("period_id", models.BigIntegerField()),
                ("deal_id", models.BigIntegerField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("rumoured", "Rumoured"),
                            ("in_talks", "In talks"),
                            ("announced", "Announced"),
                            ("pending_approval", "Pending approval"),
                            ("completed", "Completed"),
                            ("abandoned", "Abandoned"),
                            ("blocked", "Blocked"),
                        ],
                        max_length=20,
                    ),
                ),
                ("started_on", models.DateField()),
                ("until", models.DateField()),
                ("periods", models.IntegerField()),
            ],
            options={
                "indexes": [models.Index(fields=["started_on"], name="early_period_started_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("period_id", "deal_id", "status", "started_on", "until"),
                        name="early_status_period_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(create, drop),
    ]
