package cli

// runImport and runExport are replaced by the tracker work (issue 4).
func runImport(args []string, dbPath string, env Env) error {
	return usagef("import: not built yet")
}

func runExport(args []string, dbPath string, env Env) error {
	return usagef("export: not built yet")
}
