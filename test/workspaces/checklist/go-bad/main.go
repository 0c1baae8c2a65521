package main

import (
	"crypto/tls"
	"log"
	"net/http"
	"os"
	"strconv"
)

func getEnv(key, fallback string) string {
	if value, ok := os.LookupEnv(key); ok {
		return value
	}
	return fallback
}

var secret = getEnv("JWT_SECRET", "changeme")

func client() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
}

func main() {
	port, _ := strconv.Atoi(getEnv("PORT", "8080"))
	mux := http.NewServeMux()
	mux.HandleFunc("/payments", func(w http.ResponseWriter, r *http.Request) {
		log.Printf("payment from %s", r.RemoteAddr)
	})
	log.Printf("listening on %d", port)
	_ = client()
	log.Fatal(http.ListenAndServe(":"+strconv.Itoa(port), mux))
}
