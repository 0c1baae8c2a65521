use axum::{routing::post, Router};
use sqlx::SqlitePool;

async fn forward(body: String) -> String {
    let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build().unwrap();
    let response = client.post("https://upstream.example.com/ingest").body(body).send().await.unwrap();
    response.text().await.unwrap()
}

#[tokio::main]
async fn main() {
    let _token = std::env::var("API_TOKEN").unwrap_or("devtoken".to_string());
    println!("starting");
    let _pool = SqlitePool::connect("sqlite://relay.db").await.unwrap();
    let app = Router::new().route("/ingest", post(forward));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
