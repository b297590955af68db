/** HTTP plumbing shared by every feature: problem+json errors, body limits, codecs. */
package io.bookpay.platform.web;
