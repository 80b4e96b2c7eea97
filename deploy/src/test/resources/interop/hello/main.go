// A small real program for modmirror's interop test: the go command builds it through modmirror.
package main

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"
)

func main() {
	cmd := &cobra.Command{
		Use: "hello",
		RunE: func(c *cobra.Command, args []string) error {
			g, _ := errgroup.WithContext(context.Background())
			var id uuid.UUID
			g.Go(func() error {
				id = uuid.New()
				return nil
			})
			if err := g.Wait(); err != nil {
				return err
			}
			fmt.Println("hello from a module built through modmirror, uuid version", id.Version())
			return nil
		},
	}
	if err := cmd.Execute(); err != nil {
		panic(err)
	}
}
