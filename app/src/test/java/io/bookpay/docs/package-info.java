/** Tests that keep the documentation honest: the README's API tour is a script that runs. */
package io.bookpay.docs;
