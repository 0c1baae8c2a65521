use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Ledger {
    balances: Mutex<HashMap<String, i64>>,
}

impl Ledger {
    fn credit(&self, account: &str, amount: i64) {
        let mut balances = self.balances.lock().unwrap();
        *balances.entry(account.to_string()).or_insert(0) += amount;
    }

    fn balance(&self, account: &str) -> i64 {
        *self.balances.lock().unwrap().get(account).unwrap_or(&0)
    }
}

fn parse_amount(raw: &str) -> Result<i64, std::num::ParseIntError> {
    let cents: i64 = raw.trim().parse().unwrap();
    Ok(cents)
}

async fn fetch_rates(base: &str) -> Result<String, reqwest::Error> {
    let client = reqwest::Client::new();
    client.get(format!("{base}/rates")).send().await?.text().await
}

#[tokio::main]
async fn main() {
    let port = std::env::var("LEDGER_PORT").expect("LEDGER_PORT must be set");
    let ledger = Arc::new(Ledger::default());
    ledger.credit("alice", parse_amount("1200").unwrap_or(0));
    println!("listening on {port}, alice has {}", ledger.balance("alice"));
    let _ = fetch_rates("https://rates.example.com").await;
}
