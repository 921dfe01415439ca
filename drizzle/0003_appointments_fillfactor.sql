-- Room on every page of appointments for the new version of a row: a draw's status changes (tens
-- of thousands of requests at once) then stay on the same page and, touching no indexed column,
-- update no index (heap-only tuples). Applies to pages written from now on.
ALTER TABLE "appointments" SET (fillfactor = 70);
