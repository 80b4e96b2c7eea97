module "example.com/quoted\u0041\x62\143"

go 1.19

require (
	"example.com/a" "v1.0.0" // indirect
	"example.com/b/v2" v2.3.4
)

replace "example.com/a" => "../a"

retract ["v1.0.0", "v1.0.5"] // "quoted" rationale
