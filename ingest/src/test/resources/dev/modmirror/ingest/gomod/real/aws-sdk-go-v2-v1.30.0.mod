module github.com/aws/aws-sdk-go-v2

require (
	github.com/aws/smithy-go v1.20.2
	github.com/jmespath/go-jmespath v0.4.0
)

go 1.20
