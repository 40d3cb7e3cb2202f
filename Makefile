# Bridgekeeper — `make run` opens the app, `make test` runs every test.
# Both install missing system packages first (see .ci/deps).

GO       ?= go
BIN      := bridgekeeper
# The version and app ID have one home, FyneApp.toml; everything else reads
# them from there (app/cli/version_test.go checks the code agrees).
VERSION  ?= $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
MODULE   := $(shell $(GO) list -m)
LDFLAGS  := -X $(MODULE)/app/cli.Version=$(VERSION)
GOBIN    := $(shell $(GO) env GOPATH)/bin
FYNE     := $(GOBIN)/fyne
FYNE_VER := v1.7.4
DIST     := dist
export CGO_ENABLED := 1

.PHONY: all print-version build run test test-windows race cover vet deps deps-test deps-windows bench fuzz package \
        install package-windows icons screenshots clean

all: build

print-version:
	@echo $(VERSION)

deps:
	@.ci/deps

deps-test:
	@.ci/deps --test

build: deps
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) .

run: build
	./$(BIN)

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# No function outside tests may branch more than this (gocyclo).
GOCYCLO     := github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0

vet:
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) run $(GOCYCLO) -over 15 -ignore '_test.go$$' .
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "not gofmt-formatted: $$unformatted" >&2; exit 1; fi

# The end-to-end tests start the built binary under their own Xvfb.
# Every test runs once, with coverage, so the floors below gate CI too: the
# instrumented run takes no longer than a plain one on these packages.
# Last, the Windows build and its installer are made and run under Wine
# (test-windows): about a minute and a half once the cross build is cached.
test: deps-test vet cover test-windows

# The Windows .exe and installer, run under Wine by .ci/check-windows.
test-windows: package-windows

# Every test under the race detector; slow (the views tests take about five
# minutes on two cores), so not part of make test.
race: deps-test
	BRIDGEKEEPER_E2E=1 $(GO) test -race -count=1 ./...

# Coverage: every test with -coverprofile (each package measured by its own
# tests), merged with what the end-to-end runs of the real app covered (the
# e2e tests build it with -cover and run it with GOCOVERDIR set to the folder
# they are given), printed per package by bench/coverfloor, which fails when a
# package of COVER_GATED is under COVER_FLOOR percent. Profiles: $(COVER_DIR).
COVER_DIR   := $(DIST)/cover
COVER_FLOOR := 85
COVER_GATED := data compose advice app/cli insight

cover: deps-test
	rm -rf $(COVER_DIR) && mkdir -p $(COVER_DIR)/e2e
	BRIDGEKEEPER_E2E=1 BRIDGEKEEPER_GOCOVERDIR=$(abspath $(COVER_DIR)/e2e) \
	  $(GO) test -count=1 -coverprofile=$(abspath $(COVER_DIR)/unit.out) ./...
	$(GO) tool covdata textfmt -i=$(COVER_DIR)/e2e -o $(COVER_DIR)/e2e.out
	$(GO) run ./bench/coverfloor -floor $(COVER_FLOOR) -o $(COVER_DIR)/merged.out \
	  $(addprefix -gate $(MODULE)/,$(COVER_GATED)) unit=$(COVER_DIR)/unit.out e2e=$(COVER_DIR)/e2e.out

# Budgets live here, next to the command that checks them (see bench/BENCHMARKS.md).
BENCH_BUDGETS := \
	-b 'BenchmarkFilter/text/100000=16ms' \
	-b 'BenchmarkFilter/miss/100000=16ms' \
	-b 'BenchmarkFilter/status/100000=16ms' \
	-b 'BenchmarkFilter/upcoming/100000=16ms' \
	-b 'BenchmarkLoad/page/100000=300ms' \
	-b 'BenchmarkSort/ColCompany/100000=150ms' \
	-b 'BenchmarkSort/ColWhen/100000=150ms' \
	-b 'BenchmarkSort/ColStatus/100000=150ms' \
	-b 'BenchmarkImportCSV10k=1s' \
	-b 'BenchmarkLinkAfterUpgrade/100000=5s' \
	-b 'BenchmarkRender=100us' \
	-b 'BenchmarkCompute100k=300ms' \
	-b 'BenchmarkWorkLogMonth100k=1s' \
	-b 'BenchmarkReportPDF100k=6s'
# The Insights work at 100,000 interviews (bench/report): median time of each
# command, and the peak resident memory of any.
REPORT_BUDGETS := -stats 6s -log 8s -report 15s -rss-mb 1200
# The streamed import's peak resident memory at a million rows, in MB (bench/importmem).
IMPORT_RSS_BUDGET_MB := 250

bench: deps-test build
	@echo "== Go benchmarks: data layer and tracker model at 1k/10k/100k rows, drafts, advice search, figures and PDFs at 100k"
	$(GO) test -run '^$$' -bench . -benchtime 300ms -benchmem ./data/ ./compose/ ./advice/ ./insight/ | $(GO) run ./bench/budget $(BENCH_BUDGETS)
	@echo "== Import 1,000,000 CSV rows into a fresh database: peak resident memory"
	$(GO) run ./bench/importmem -rows 1000000 -max-rss-mb $(IMPORT_RSS_BUDGET_MB)
	@echo "== Start-up and memory against a bare Fyne window"
	$(GO) build -o $(DIST)/bench-bare ./bench/bare
	$(GO) run ./bench/startup -app ./$(BIN) -bare $(DIST)/bench-bare -runs 11
	@echo "== 100,000 interviews with their histories: stats, a month's work-search log (PDF) and the report"
	$(GO) run ./bench/report -app ./$(BIN) -n 100000 -runs 3 $(REPORT_BUDGETS)
	@echo "== 100,000 interviews: first rows on screen after the window maps, and memory held"
	$(GO) run ./bench/startup -app ./$(BIN) -bare $(DIST)/bench-bare -runs 5 -scale 100000 -settle 3s

# Each fuzz target runs for FUZZTIME; `make test` already runs their seeds.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzReadCSV$$' -fuzztime $(FUZZTIME) ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzReadInvites$$' -fuzztime $(FUZZTIME) ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzReadVCards$$' -fuzztime $(FUZZTIME) ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzLoadZone$$' -fuzztime $(FUZZTIME) ./data/
	$(GO) test -run '^$$' -fuzz '^FuzzRender$$' -fuzztime $(FUZZTIME) ./compose/
	$(GO) test -run '^$$' -fuzz '^FuzzParseWhen$$' -fuzztime $(FUZZTIME) ./compose/

$(FYNE):
	$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_VER)

# The icon at every size, drawn from assets/icon.svg (tools/icons): the
# hicolor PNGs and SVG for Linux, the .ico for Windows.
ICONS := $(DIST)/icons
icons:
	$(GO) run ./tools/icons -out $(ICONS)

# fyne package runs go build itself; GOFLAGS carries the version stamp in.
STAMP := GOFLAGS='-ldflags=-X=$(MODULE)/app/cli.Version=$(VERSION)'

# Linux: a .tar.xz (binary, .desktop file, icon) and a .deb (binary, menu
# entry, icons in the hicolor theme, man page; built by .ci/deb, which runs
# lintian), then a check that every artifact says the same version.
# fyne package bumps the build number in FyneApp.toml after each run; the
# recipe puts the file back so a package build leaves the checkout clean.
package: deps $(FYNE) icons
	mkdir -p $(DIST) && cp FyneApp.toml $(DIST)/FyneApp.toml.orig
	$(STAMP) $(FYNE) package -os linux -release -app-version $(VERSION); status=$$?; \
	  mv $(DIST)/FyneApp.toml.orig FyneApp.toml; exit $$status
	mv Bridgekeeper.tar.xz $(DIST)/Bridgekeeper-$(VERSION)-linux-amd64.tar.xz
	@echo "Built $(DIST)/Bridgekeeper-$(VERSION)-linux-amd64.tar.xz"
	$(GO) build -trimpath -buildmode=pie -ldflags '$(LDFLAGS) -s -w' -o $(DIST)/deb-root/bridgekeeper .
	.ci/deb $(DIST)/deb-root/bridgekeeper $(VERSION) $(ICONS) $(DIST)
	.ci/check-version $(VERSION) $(DIST)

# Installs for the current user (~/.local), so it appears in the app menu.
install: package
	tmp=$$(mktemp -d) && tar -xJf $(DIST)/Bridgekeeper-$(VERSION)-linux-amd64.tar.xz -C $$tmp && \
	  $(MAKE) -C $$tmp/bridgekeeper user-install && rm -rf $$tmp
	@if command -v update-desktop-database >/dev/null 2>&1; then \
	  update-desktop-database $(HOME)/.local/share/applications; fi
	@echo "Installed: $(HOME)/.local/bin/$(BIN) and its menu entry"

deps-windows:
	@.ci/deps --windows

# The build number is the Windows file version's fourth part.
BUILD := $(shell sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
WIN_EXE := $(DIST)/Bridgekeeper-$(VERSION)-windows-amd64.exe
WIN_SETUP := $(DIST)/Bridgekeeper-$(VERSION)-windows-amd64-setup.exe

# Windows: the .exe (GUI subsystem; the icon at 16 to 256 px, a DPI-aware
# manifest and the version in its resources, from tools/icons), cross-
# compiled with mingw-w64, and an NSIS installer around it; then both are
# run under Wine (.ci/check-windows: the version, named zones with no zone
# files, output in the console a command was typed at, install, uninstall).
package-windows: deps-windows icons
	mkdir -p $(DIST)
	$(GO) run ./tools/icons -out $(ICONS) -syso rsrc_windows_amd64.syso -version $(VERSION) -build $(BUILD)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -trimpath -ldflags '$(LDFLAGS) -H=windowsgui -s -w' -o $(WIN_EXE) .; \
	  status=$$?; rm -f rsrc_windows_amd64.syso; exit $$status
	@echo "Built $(WIN_EXE)"
	makensis -V2 -WX -DVERSION=$(VERSION) -DBUILD=$(BUILD) -DEXE=$(WIN_EXE) -DICON=$(ICONS)/bridgekeeper.ico \
	  -DLICENSE=LICENSE -DOUTFILE=$(WIN_SETUP) packaging/windows/installer.nsi
	@echo "Built $(WIN_SETUP)"
	.ci/check-version $(VERSION) $(DIST)
	.ci/check-windows $(VERSION) $(WIN_EXE) $(WIN_SETUP)

# A PNG of each tab from the real app under Xvfb in both themes at
# 800×600, 1024×768, 1366×768 and 1920×1080 ($(DIST)/screenshots), and the
# 1366×768 ones in docs for the README.
screenshots: deps-test build
	.ci/screenshots ./$(BIN) docs $(DIST)/screenshots

clean:
	rm -rf $(BIN) $(DIST)
