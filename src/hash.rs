//! The crate's hash maps and sets: the standard library's, hashed by foldhash instead of
//! SipHash. Keys here are short strings, paths and small tuples looked up millions of times a
//! run (style ids, designation codes, line keys); SipHash spent about 2 % of a run hashing
//! them. foldhash (the hasher hashbrown itself defaults to) seeds each map from a per-process
//! random value, so the keys a document brings still cannot be chosen to collide.
//!
//! Maps are made with `default()` (or `with_capacity_and_hasher`): `new()` exists only for
//! SipHash's `RandomState`.

pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
