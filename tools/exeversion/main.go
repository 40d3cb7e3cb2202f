// Command exeversion prints the file and product versions a Windows .exe
// carries in its resources, as Explorer's Properties show them:
//
//	go run ./tools/exeversion dist/Bridgekeeper-0.1.0-windows-amd64.exe
//	0.1.0.1 0.1.0
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: exeversion FILE.exe")
		os.Exit(2)
	}
	file, product, err := read(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "exeversion:", err)
		os.Exit(1)
	}
	fmt.Println(file, product)
}

// read returns the file and product version strings of the exe at path.
func read(path string) (file, product string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	rs, err := winres.LoadFromEXE(f)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", path, err)
	}
	var found []byte
	rs.WalkType(winres.RT_VERSION, func(_ winres.Identifier, _ uint16, data []byte) bool {
		found = data
		return false
	})
	if found == nil {
		return "", "", errors.New(path + ": no version resource")
	}
	info, err := version.FromBytes(found)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", path, err)
	}
	dotted := func(v [4]uint16) string { return fmt.Sprintf("%d.%d.%d.%d", v[0], v[1], v[2], v[3]) }
	return dotted(info.FileVersion), dotted(info.ProductVersion), nil
}
