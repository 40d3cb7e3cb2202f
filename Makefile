# Bridgekeeper — `make run` opens the app, `make test` runs every test.
# Both install missing system packages first (see .ci/deps).

GO      ?= go
BIN     := bridgekeeper
VERSION ?= 0.1.0
LDFLAGS := -X github.com/bridgekeeper/bridgekeeper/app/cli.Version=$(VERSION)
export CGO_ENABLED := 1

.PHONY: all build run test vet deps deps-test clean

all: build

deps:
	@.ci/deps

deps-test:
	@.ci/deps --test

build: deps
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) .

run: build
	./$(BIN)

vet:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "not gofmt-formatted: $$unformatted" >&2; exit 1; fi

# The end-to-end test starts the built binary under its own Xvfb.
test: deps-test vet
	BRIDGEKEEPER_E2E=1 $(GO) test -count=1 ./...

clean:
	rm -f $(BIN)
