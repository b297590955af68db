/** Safe-change lint over the migrations added since the last release. */
package io.bookpay.migrations.lint;
