package cli

// runDraft is replaced by the composer work (issue 3).
func runDraft(args []string, dbPath string, env Env) error {
	return usagef("draft: not built yet")
}
