// PostgreSQL's client library (Debian: libpq-dev), for the office store (docs/decisions/0033-postgresql-client.md).
#include <postgresql/libpq-fe.h>
