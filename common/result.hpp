#pragma once
// A value or an error, for library code that must not throw across its boundary.
#include <string>
#include <utility>
#include <variant>

namespace newsearch {

/// What went wrong, in words for people, with the exit status it maps to.
struct Error {
  std::string message;  ///< "database /x is locked by another newsindex"
  std::string hint;     ///< "wait for it to finish, or stop it" (may be empty)
  int exit_code = 2;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace newsearch
