package views

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

func TestBackupLabel(t *testing.T) {
	at := time.Date(2026, 12, 2, 4, 34, 7, 0, time.Local)
	for _, tt := range []struct {
		name   string
		b      data.BackupInfo
		detail backupDetail
		want   string
	}{
		{"daily", data.BackupInfo{Time: at, Size: 32 * 1024, Interviews: 12, Reason: data.BackupDaily}, backupToMinute,
			"Wed 2 Dec 2026, 04:34 — 12 interviews, daily (32 KB)"},
		{"one interview", data.BackupInfo{Time: at, Size: 1, Interviews: 1, Reason: data.BackupManual}, backupToMinute,
			"Wed 2 Dec 2026, 04:34 — 1 interview, made by hand (1 KB)"},
		{"none", data.BackupInfo{Time: at, Size: 0, Interviews: 0, Reason: data.BackupBeforeUpgrade}, backupToMinute,
			"Wed 2 Dec 2026, 04:34 — 0 interviews, before an upgrade (0 KB)"},
		{"unreadable", data.BackupInfo{Time: at, Size: 4097, Interviews: -1, Reason: data.BackupBeforeRestore}, backupToMinute,
			"Wed 2 Dec 2026, 04:34 — can't be read, before a restore (5 KB)"},
		{"from before reasons", data.BackupInfo{Time: at, Size: 2048, Interviews: 3}, backupToMinute,
			"Wed 2 Dec 2026, 04:34 — 3 interviews (2 KB)"},
		{"reason from a newer version", data.BackupInfo{Time: at, Size: 2048, Interviews: 3, Reason: "weekly"}, backupToMinute,
			"Wed 2 Dec 2026, 04:34 — 3 interviews, unknown reason (2 KB)"},
		{"time unknown", data.BackupInfo{Size: 2048, Interviews: 3, Reason: data.BackupDaily}, backupToSecond,
			"Unknown date — 3 interviews, daily (2 KB)"},
		{"to the second", data.BackupInfo{Time: at, Size: 2048, Interviews: 3, Reason: data.BackupDaily}, backupToSecond,
			"Wed 2 Dec 2026, 04:34:07 — 3 interviews, daily (2 KB)"},
		{"with the file", data.BackupInfo{Path: filepath.Join("dir", "bridgekeeper-20261202-043407-daily-2.db"), Time: at, Size: 2048, Interviews: 3, Reason: data.BackupDaily}, backupWithFile,
			"Wed 2 Dec 2026, 04:34:07 — 3 interviews, daily (2 KB) · bridgekeeper-20261202-043407-daily-2.db"},
	} {
		if got := backupLabel(tt.b, tt.detail); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestBackupLabelsAreUnique(t *testing.T) {
	at := time.Date(2026, 12, 2, 4, 34, 7, 0, time.Local)
	daily := func(t time.Time, n int, file string) data.BackupInfo {
		return data.BackupInfo{Path: file, Time: t, Size: 32 * 1024, Interviews: n, Reason: data.BackupDaily}
	}
	for _, tt := range []struct {
		name string
		list []data.BackupInfo
		want []string
	}{
		{"different minutes keep minutes",
			[]data.BackupInfo{daily(at, 12, "a"), daily(at.Add(-time.Minute), 12, "b")},
			[]string{"Wed 2 Dec 2026, 04:34 — 12 interviews, daily (32 KB)", "Wed 2 Dec 2026, 04:33 — 12 interviews, daily (32 KB)"}},
		{"same minute, different counts keep minutes",
			[]data.BackupInfo{daily(at, 12, "a"), daily(at.Add(time.Second), 11, "b")},
			[]string{"Wed 2 Dec 2026, 04:34 — 12 interviews, daily (32 KB)", "Wed 2 Dec 2026, 04:34 — 11 interviews, daily (32 KB)"}},
		{"issue 16: same minute, alike, get seconds; the rest do not",
			[]data.BackupInfo{daily(at.Add(20*time.Second), 12, "a"), daily(at, 12, "b"), daily(at.Add(-time.Hour), 12, "c")},
			[]string{"Wed 2 Dec 2026, 04:34:27 — 12 interviews, daily (32 KB)", "Wed 2 Dec 2026, 04:34:07 — 12 interviews, daily (32 KB)",
				"Wed 2 Dec 2026, 03:34 — 12 interviews, daily (32 KB)"}},
		{"same second, alike, get the file",
			[]data.BackupInfo{daily(at, 12, "/b/bridgekeeper-20261202-043407-daily-2.db"), daily(at, 12, "/b/bridgekeeper-20261202-043407-daily.db")},
			[]string{"Wed 2 Dec 2026, 04:34:07 — 12 interviews, daily (32 KB) · bridgekeeper-20261202-043407-daily-2.db",
				"Wed 2 Dec 2026, 04:34:07 — 12 interviews, daily (32 KB) · bridgekeeper-20261202-043407-daily.db"}},
		{"times unknown", []data.BackupInfo{daily(time.Time{}, 1, "/b/x.db"), daily(time.Time{}, 1, "/b/y.db")},
			[]string{"Unknown date — 1 interview, daily (32 KB) · x.db", "Unknown date — 1 interview, daily (32 KB) · y.db"}},
	} {
		got := backupLabels(tt.list)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// restorePick is the backup picker in the restore dialog, or nil.
func restorePick(h *harness) *widget.Select {
	var pick *widget.Select
	if d := trackerDialog(h); d != nil {
		trackerWalk(d, func(o fyne.CanvasObject) {
			if s, ok := o.(*widget.Select); ok && pick == nil {
				pick = s
			}
		})
	}
	return pick
}

// TestRestoreOffersEachBackupOnce makes real backups in one folder, two of
// them in one minute and two in one second, and reads the restore dialog.
func TestRestoreOffersEachBackupOnce(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	h.ui.env.BackupDir = dir
	ctx := context.Background()
	// A minute boundary well in the past: backups named in the future are
	// dated by their files instead.
	at := time.Now().Add(-48 * time.Hour).Truncate(time.Hour).Add(34*time.Minute + 7*time.Second)
	backup := func(when time.Time, why data.BackupReason) {
		t.Helper()
		if _, err := h.store.BackupWhy(ctx, dir, when, why); err != nil {
			t.Fatal(err)
		}
	}
	trackerSeed(t, h, data.Interview{Company: "Acme", StartsAt: at, TimeZone: "UTC", Status: data.StatusScheduled})
	backup(at.Add(-26*time.Hour), data.BackupBeforeUpgrade)
	backup(at, data.BackupDaily)
	trackerSeed(t, h, data.Interview{Company: "Globex", StartsAt: at, TimeZone: "UTC", Status: data.StatusScheduled})
	backup(at.Add(20*time.Second), data.BackupManual)
	backup(at.Add(20*time.Second), data.BackupManual)
	damaged := filepath.Join(dir, "bridgekeeper-"+at.Add(-50*time.Hour).UTC().Format("20060102-150405")+"-before-restore.db")
	if err := os.WriteFile(damaged, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}

	h.ui.onRestore()
	h.ui.Wait()
	pick := restorePick(h)
	if pick == nil {
		t.Fatalf("no backup picker in the restore dialog: %v", trackerDialog(h))
	}
	list, err := data.ListBackups(dir)
	if err != nil {
		t.Fatal(err)
	}
	day := func(d time.Duration, layout string) string {
		return at.Add(d).Local().Format("Mon 2 Jan 2006, " + layout)
	}
	kb := func(i int) string { return " (" + strconv.FormatInt((list[i].Size+1023)/1024, 10) + " KB)" }
	want := []string{
		day(20*time.Second, "15:04:05") + " — 2 interviews, made by hand" + kb(0) + " · " + filepath.Base(list[0].Path),
		day(20*time.Second, "15:04:05") + " — 2 interviews, made by hand" + kb(1) + " · " + filepath.Base(list[1].Path),
		day(0, "15:04") + " — 1 interview, daily" + kb(2),
		day(-26*time.Hour, "15:04") + " — 1 interview, before an upgrade" + kb(3),
		day(-50*time.Hour, "15:04") + " — can't be read, before a restore (1 KB)",
	}
	if got := strings.Join(pick.Options, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("restore offers:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	seen := map[string]bool{}
	for _, o := range pick.Options {
		if seen[o] {
			t.Errorf("%q is offered twice", o)
		}
		seen[o] = true
	}
	if pick.SelectedIndex() != 0 {
		t.Errorf("the newest backup is not picked first: %d", pick.SelectedIndex())
	}
}
