module k8s.io/kubernetes

go 1.20

require (
	k8s.io/api v0.0.0
	k8s.io/apimachinery v0.0.0
	k8s.io/client-go v0.0.0
	sigs.k8s.io/yaml v1.3.0
)

replace (
	k8s.io/api => ./staging/src/k8s.io/api
	k8s.io/apimachinery => ./staging/src/k8s.io/apimachinery
	k8s.io/client-go => ./staging/src/k8s.io/client-go
	github.com/old/thing v1.2.3 => github.com/new/thing v1.2.4
	github.com/pinned/dep => github.com/pinned/dep v0.3.1-0.20200101000000-abcdefabcdef
)
