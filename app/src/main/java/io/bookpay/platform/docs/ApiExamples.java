package io.bookpay.platform.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * Gives every request body and answer of the description an example (see {@link Examples}; problem
 * answers from {@link ProblemExamples}), and says once for all lists what {@code cursor} and
 * {@code limit} mean. Runs after the problem answers are added, so they get examples too.
 */
final class ApiExamples {

  static final String PROBLEM_JSON = "application/problem+json";

  private ApiExamples() {}

  static void addTo(OpenAPI api) {
    Examples examples = new Examples(api.getComponents());
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      describeListParameters(operation);
      if (operation.getRequestBody() != null) {
        fill(operation.getRequestBody().getContent(), examples, null, path);
      }
      if (operation.getResponses() != null) {
        operation.getResponses().forEach((status, response) -> fill(response.getContent(), examples, status, path));
      }
    }));
  }

  private static void fill(Content content, Examples examples, String status, String path) {
    if (content == null) {
      return;
    }
    content.forEach((type, media) -> {
      if (media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())) {
        return;
      }
      Object example = type.equals(PROBLEM_JSON) && status != null ? ProblemExamples.of(status, path) : examples.of(media.getSchema());
      if (example != null) {
        media.setExample(example);
      }
    });
  }

  private static void describeListParameters(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      if (!"query".equals(parameter.getIn()) || parameter.getDescription() != null) {
        continue;
      }
      if (parameter.getName().equals("cursor")) {
        parameter.description("Where the page starts: the nextCursor of the page before; left out for the first page. Opaque:"
            + " pass it back as it came");
      } else if (parameter.getName().equals("limit")) {
        parameter.description("How many items a page holds at most, 1 to 200");
      }
    }
  }
}
