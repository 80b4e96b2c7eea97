// Command deploytool checks modmirror's deployment files offline, for the Java test suite
// (HelmChartIT, ComposeFileIT). It is built together with Helm (the "tool" directive of go.mod),
// so both read Kubernetes objects through the same k8s.io/api release.
//
//	deploytool k8s < rendered.yaml    strict decoding of every object, then the chart's policy
//	deploytool compose DIR            loads DIR/docker-compose.yml (and DIR/.env) as docker compose does
//
// Each prints one line per object or service and exits 1 with the reasons on the first problem.
package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/yaml"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: deploytool k8s < objects.yaml | deploytool compose DIR")
	}
	switch os.Args[1] {
	case "k8s":
		k8s(os.Stdin)
	case "compose":
		if len(os.Args) != 3 {
			fail("usage: deploytool compose DIR")
		}
		compose(os.Args[2])
	default:
		fail("unknown command " + os.Args[1])
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

// KafkaTopic is Strimzi's kafka.strimzi.io/v1beta2 KafkaTopic, the fields of its CRD schema
// (api/src/main/java/io/strimzi/api/kafka/model/topic/KafkaTopicSpec.java): no Go types are
// published for it, so unknown fields are refused against this copy.
type KafkaTopic struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name        string            `json:"name"`
		Namespace   string            `json:"namespace,omitempty"`
		Labels      map[string]string `json:"labels,omitempty"`
		Annotations map[string]string `json:"annotations,omitempty"`
	} `json:"metadata"`
	Spec struct {
		TopicName  string         `json:"topicName,omitempty"`
		Partitions int32          `json:"partitions"`
		Replicas   int32          `json:"replicas"`
		Config     map[string]any `json:"config,omitempty"`
	} `json:"spec"`
}

func k8s(in io.Reader) {
	strict := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
		json.SerializerOptions{Yaml: true, Strict: true})
	reader := utilyaml.NewYAMLReader(bufio.NewReader(in))
	var problems []string
	count := 0
	for {
		doc, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail("cannot read the YAML stream: " + err.Error())
		}
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		count++
		var meta struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
			Metadata   struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal(doc, &meta); err != nil {
			problems = append(problems, fmt.Sprintf("document %d: %v", count, err))
			continue
		}
		id := meta.Kind + "/" + meta.Metadata.Name
		if meta.APIVersion == "kafka.strimzi.io/v1beta2" && meta.Kind == "KafkaTopic" {
			var t KafkaTopic
			if err := yaml.UnmarshalStrict(doc, &t); err != nil {
				problems = append(problems, id+": "+err.Error())
				continue
			}
			fmt.Printf("ok %s %s partitions=%d replicas=%d config=%s\n", meta.APIVersion, id,
				t.Spec.Partitions, t.Spec.Replicas, configLine(t.Spec.Config))
			continue
		}
		obj, _, err := strict.Decode(doc, nil, nil)
		if err != nil {
			problems = append(problems, id+": "+err.Error())
			continue
		}
		for _, p := range policy(obj) {
			problems = append(problems, id+": "+p)
		}
		fmt.Printf("ok %s %s\n", meta.APIVersion, id)
	}
	if count == 0 {
		problems = append(problems, "no object in the input")
	}
	if len(problems) > 0 {
		fail(strings.Join(problems, "\n"))
	}
}

func stripComments(doc []byte) []byte {
	var b bytes.Buffer
	for _, line := range strings.Split(string(doc), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.Bytes()
}

func configLine(c map[string]any) string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, c[k]))
	}
	return strings.Join(parts, ",")
}

// policy is what the chart promises of every workload: non-root, read-only root file system,
// resources, and probes on long-running containers.
func policy(obj runtime.Object) []string {
	var spec *corev1.PodSpec
	probes := true
	switch o := obj.(type) {
	case *appsv1.Deployment:
		spec = &o.Spec.Template.Spec
	case *batchv1.Job:
		spec = &o.Spec.Template.Spec
		probes = false
	default:
		return nil
	}
	var p []string
	if spec.SecurityContext == nil || spec.SecurityContext.RunAsNonRoot == nil || !*spec.SecurityContext.RunAsNonRoot {
		p = append(p, "pod securityContext.runAsNonRoot is not true")
	}
	for _, c := range spec.Containers {
		sc := c.SecurityContext
		if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			p = append(p, c.Name+": readOnlyRootFilesystem is not true")
		}
		if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			p = append(p, c.Name+": allowPrivilegeEscalation is not false")
		}
		if c.Resources.Requests.Memory().IsZero() || c.Resources.Limits.Memory().IsZero() || c.Resources.Requests.Cpu().IsZero() {
			p = append(p, c.Name+": no cpu request or memory request and limit")
		}
		if probes && (c.LivenessProbe == nil || c.ReadinessProbe == nil) {
			p = append(p, c.Name+": no liveness or readiness probe")
		}
		mounted := map[string]bool{}
		for _, m := range c.VolumeMounts {
			mounted[m.MountPath] = true
		}
		if !mounted["/tmp"] {
			p = append(p, c.Name+": no writable /tmp under a read-only root")
		}
	}
	return p
}

func compose(dir string) {
	ctx := context.Background()
	opts, err := cli.NewProjectOptions(
		[]string{filepath.Join(dir, "docker-compose.yml")},
		cli.WithWorkingDirectory(dir),
		cli.WithEnvFiles(filepath.Join(dir, ".env")),
		cli.WithDotEnv,
		cli.WithName("modmirror"),
	)
	if err != nil {
		fail(err.Error())
	}
	project, err := opts.LoadProject(ctx)
	if err != nil {
		fail(err.Error())
	}
	names := make([]string, 0, len(project.Services))
	for name := range project.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := project.Services[name]
		keys := make([]string, 0, len(s.Environment))
		for k := range s.Environment {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		// A service can be scaled with --scale when nothing pins one container: no fixed name,
		// no fixed host port.
		scalable := s.ContainerName == ""
		for _, p := range s.Ports {
			if p.Published != "" {
				scalable = false
			}
		}
		fmt.Printf("service %s image=%s scalable=%v env=%s\n", name, s.Image, scalable, strings.Join(keys, ","))
	}
}
