use std::time::Duration;

use axum::{http::header, routing::get, Router};
use metrics_exporter_prometheus::PrometheusBuilder;
use sqlx::postgres::PgPoolOptions;
use tower_governor::{governor::GovernorConfigBuilder, GovernorLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tracing::info;

async fn healthz() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().json().init();
    std::panic::set_hook(Box::new(|panic| {
        tracing::error!(%panic, "panicked");
    }));
    let database_url = std::env::var("DATABASE_URL")?;
    let pool = PgPoolOptions::new().acquire_timeout(Duration::from_secs(5)).connect(&database_url).await?;
    let metrics = PrometheusBuilder::new().install_recorder()?;
    let governor = GovernorConfigBuilder::default().per_second(10).burst_size(20).finish().ok_or("bad governor config")?;
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(move || std::future::ready(metrics.render())))
        .layer(GovernorLayer { config: std::sync::Arc::new(governor) })
        .layer(SetResponseHeaderLayer::overriding(header::STRICT_TRANSPORT_SECURITY, header::HeaderValue::from_static("max-age=63072000")))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(pool);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    info!("listening");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
