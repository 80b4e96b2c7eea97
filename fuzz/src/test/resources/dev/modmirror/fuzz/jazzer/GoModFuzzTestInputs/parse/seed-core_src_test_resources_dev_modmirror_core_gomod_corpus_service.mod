module github.com/acme/payments-service

go 1.21

toolchain go1.21.5

require (
	github.com/aws/aws-sdk-go-v2 v1.24.0
	github.com/aws/aws-sdk-go-v2/config v1.26.1
	github.com/go-chi/chi/v5 v5.0.11
	github.com/google/uuid v1.5.0
	github.com/jackc/pgx/v5 v5.5.1
	github.com/prometheus/client_golang v1.18.0
	github.com/stretchr/testify v1.8.4
	go.opentelemetry.io/otel v1.21.0
	golang.org/x/sync v0.5.0
	google.golang.org/grpc v1.60.1
)

require (
	github.com/Azure/go-ansiterm v0.0.0-20230124172434-306776ec8161 // indirect
	github.com/Sirupsen/logrus v1.0.6 // indirect
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.2.0 // indirect
	github.com/davecgh/go-spew v1.1.2-0.20180830191138-d8f796af33cc // indirect
	github.com/docker/docker v24.0.7+incompatible // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/pmezard/go-difflib v1.0.1-0.20181226105442-5d4384ee4fb2 // indirect
	golang.org/x/crypto v0.17.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
	gopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405 // indirect
)

replace github.com/acme/internal-lib => ../internal-lib

exclude github.com/google/uuid v1.4.0
