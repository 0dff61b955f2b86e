package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/usinette/usinette/internal/web"
)

// A server with one endpoint that answers the size of the upload: the file
// arrives in the request's own folder under a safe name.
func Example() {
	s, err := web.New(web.Limits{MaxUpload: 1 << 20}, "", nil)
	if err != nil {
		panic(err)
	}
	defer s.Close(0)
	s.Handle(web.Endpoint{Path: "/api/size", Job: func(ctx context.Context, up *web.Upload) (*web.Result, error) {
		st, err := os.Stat(up.Path)
		if err != nil {
			return nil, err
		}
		return &web.Result{Body: fmt.Appendf(nil, "%s: %d bytes\n", up.Name, st.Size()), ContentType: "text/plain"}, nil
	}})
	ts := httptest.NewServer(s)
	defer ts.Close()

	res, err := http.Post(ts.URL+"/api/size?name=../my%20badge.svg", "image/svg+xml", strings.NewReader("<svg/>"))
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	io.Copy(os.Stdout, res.Body)
	// Output:
	// my_badge.svg: 6 bytes
}
