module example.com/orders

go 1.22

require (
	github.com/go-chi/chi/v5 v5.0.12
	github.com/go-chi/httprate v0.9.0
	github.com/jackc/pgx/v5 v5.5.5
	github.com/prometheus/client_golang v1.19.0
	github.com/unrolled/secure v1.14.0
)
