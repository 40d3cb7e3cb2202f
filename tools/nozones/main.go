// Command nozones is the control for .ci/check-windows: a Windows program
// built without Go's embedded zone database, which prints whether it can
// load each zone named on its command line. Under the check's Wine prefix
// every zone must fail to load, which shows the prefix really has no zone
// files for Bridgekeeper's own binary to fall back on. It is a GUI-subsystem
// program that never attaches to a console, so it also shows that
// conprobe's console gets nothing from a program that does not attach.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	for _, name := range os.Args[1:] {
		if _, err := time.LoadLocation(name); err != nil {
			fmt.Printf("%s: %v\n", name, err)
			continue
		}
		fmt.Printf("%s: loaded\n", name)
	}
}
