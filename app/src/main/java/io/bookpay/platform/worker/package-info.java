/** Long-running loops on threads of their own, for work that may block (Kafka clients, waits). */
package io.bookpay.platform.worker;
