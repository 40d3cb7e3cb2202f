package views

import "bridgekeeper/data"

// columnHeading is the tracker table's heading for a column; data.Column
// is only the sort key, the words shown above it belong here.
func columnHeading(c data.Column) string {
	switch c {
	case data.ColCompany:
		return "Company"
	case data.ColRole:
		return "Role"
	case data.ColContact:
		return "Contact"
	case data.ColWhen:
		return "When"
	case data.ColStatus:
		return "Status"
	}
	return ""
}
