#include "stakemap/text/words.hpp"

#include <climits>
#include <cmath>
#include <doctest/doctest.h>
#include <limits>
#include <string>

using stakemap::text::Language;
using stakemap::text::plain_number;
using stakemap::text::Words;

TEST_CASE("plain numbers: significant digits, no exponent for ordinary magnitudes") {
    CHECK(plain_number(2.0 / 3.0, 3) == "0.667");
    CHECK(plain_number(0.5, 3) == "0.5"); // no trailing zeros
    CHECK(plain_number(1.0, 3) == "1");   // no ".0"
    CHECK(plain_number(-2.5, 3) == "-2.5");
    CHECK(plain_number(100000.0, 3) == "100000"); // 1e+05 in %g, written out
    CHECK(plain_number(123456.0, 3) == "123456"); // integer digits are never dropped
    CHECK(plain_number(999.96, 4) == "1000");     // rounding carries into a new digit
    // 1.2345e-4 is at least 1e-4: written out with 3 significant digits.
    CHECK(plain_number(0.00012345, 3) == "0.000123");
    CHECK(plain_number(0.0001, 3) == "0.0001");
}

TEST_CASE("plain numbers: the exponent stays below 1e-4 and from 1e15 on") {
    CHECK(plain_number(0.00001234, 3) == "1.23e-05");
    CHECK(plain_number(-6.4e-46, 3) == "-6.4e-46");
    CHECK(plain_number(1e15, 6) == "1e+15");
    CHECK(plain_number(999999999999999.0, 3) == "999999999999999");
}

TEST_CASE("plain numbers: zero, infinities and NaN") {
    CHECK(plain_number(0.0, 3) == "0");
    CHECK(plain_number(-0.0, 3) == "0");
    CHECK(plain_number(std::numeric_limits<double>::infinity(), 3) == "inf");
    CHECK(plain_number(-std::numeric_limits<double>::infinity(), 3) == "-inf");
    CHECK(plain_number(std::nan(""), 3) == "NaN");
}

TEST_CASE(
    "plain_number: numbers too large for their digits are written whole, without a fraction") {
    // 12345.6789 with 4 significant digits: %g would write 1.235e+04; whole it is 12346.
    CHECK(plain_number(12345.6789, 4) == "12346");
    // 999999.5 with 6 digits: %g writes 1e+06; whole, rounded half to even, 1000000.
    CHECK(plain_number(999999.5, 6) == "1000000");
}

TEST_CASE("numbers people read: grouping and the decimal sign by language") {
    const Words en(Language::en);
    const Words it(Language::it);
    CHECK(en.number(1234567.0, 7) == "1,234,567");
    CHECK(it.number(1234567.0, 7) == "1.234.567");
    CHECK(en.number(-1650.5, 5) == "-1,650.5");
    CHECK(it.number(-1650.5, 5) == "-1.650,5");
    CHECK(en.number(999.9996) == "1,000"); // 3 digits: rounds to 1000, then grouped
    CHECK(it.number(999.9996) == "1.000");
    CHECK(en.number(100.0) == "100");   // three digits: no separator
    CHECK(en.number(-999.0) == "-999"); // no separator after the sign
    CHECK(it.number(0.5) == "0,5");
}

TEST_CASE("numbers people read: exponents and special values are not grouped") {
    const Words en(Language::en);
    const Words it(Language::it);
    CHECK(en.number(0.00001234) == "1.23e-05");
    CHECK(it.number(0.00001234) == "1,23e-05");
    CHECK(it.number(1e20) == "1e+20");
    CHECK(en.number(std::nan("")) == "NaN");
    CHECK(it.number(std::nan("")) == "NaN");
    CHECK(it.number(-std::numeric_limits<double>::infinity()) == "-inf");
    CHECK(it.number(-0.0) == "0");
}

TEST_CASE("numbers people read: percentages") {
    const Words en(Language::en);
    const Words it(Language::it);
    CHECK(en.percent(0.5) == "50%");
    CHECK(en.percent(1.0 / 3.0) == "33.3%"); // 33.333… with 3 digits
    CHECK(it.percent(1.0 / 3.0) == "33,3%");
    CHECK(en.percent(0.0) == "0%");
    CHECK(en.percent(1.0) == "100%");
    CHECK(en.percent(0.99999) == "100%"); // 99.999 rounds up with 3 digits
    CHECK(en.percent(0.0005) == "0.05%");
    CHECK(en.percent(0.123456, 5) == "12.346%");
    CHECK(it.percent(12.5) == "1.250%"); // a share above 1 is not clipped
}

TEST_CASE("integers people read: the extremes") {
    CHECK(Words(Language::en).integer(LLONG_MIN) == "-9,223,372,036,854,775,808");
    CHECK(Words(Language::it).integer(LLONG_MAX) == "9.223.372.036.854.775.807");
    CHECK(Words(Language::it).integer(0) == "0");
    CHECK(Words(Language::en).integer(-1) == "-1");
}
