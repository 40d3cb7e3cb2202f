package locale

import "testing"

func TestSettle(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"unset", map[string]string{}, ""},
		{"plain C is already quiet", map[string]string{"LANG": "C"}, ""},
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"POSIX with modifier", map[string]string{"LC_ALL": "POSIX.UTF-8@euro"}, "en"},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "de_DE.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"real locale untouched", map[string]string{"LANG": "fr_FR.UTF-8"}, ""},
		{"LANGUAGE kept", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "pt_BR"}, "pt_BR"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = v
			}
			Settle(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if env["LANGUAGE"] != tc.want {
				t.Errorf("LANGUAGE = %q, want %q", env["LANGUAGE"], tc.want)
			}
		})
	}
}
