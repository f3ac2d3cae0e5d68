//! Fixtures shared by integration tests. Each test file uses only part of it.
#![allow(dead_code)]

pub mod strategies;
