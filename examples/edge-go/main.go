package main

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
)

type upstream struct {
	client *http.Client
	base   string
}

func newUpstream(base string) *upstream {
	transport := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	return &upstream{client: &http.Client{Transport: transport}, base: base}
}

func (u *upstream) quote(w http.ResponseWriter, r *http.Request) {
	resp, err := u.client.Get(u.base + "/quote?symbol=" + r.URL.Query().Get("symbol"))
	if err != nil {
		http.Error(w, "upstream unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var quote map[string]any
	if err := json.Unmarshal(body, &quote); err != nil {
		panic(err)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(quote)
}

func main() {
	up := newUpstream(os.Getenv("QUOTES_URL"))
	mux := http.NewServeMux()
	mux.HandleFunc("/quote", up.quote)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	log.Fatal(http.ListenAndServe(":8080", mux))
}
