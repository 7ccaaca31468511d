/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the PHP evaluator discovery runs over a checkout's
 * handlers and schema tests (core/checkout/internal.h): any text, as a
 * whole file and as the body of a handler, must be followed to an answer
 * without a crash, a leak or a hang; every path it reports stays inside
 * the checkout (no "..", no absolute path).
 */
#include <config.h>

#include "core/checkout/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void
check_paths(const php_hook *h)
{
	for (size_t i = 0; i < h->nregs; i++) {
		const char *p = h->regs[i].path;

		if (p[0] == '/' || !strncmp(p, "../", 3) || strstr(p, "/../") || !h->regs[i].dbms)
			abort();
	}
}

static void
run(const char *src, size_t len)
{
	char *paths[MW_DBMS__COUNT], *path = NULL;
	php_hook h;

	php_hook_eval(&h, src, len, "includes/Hooks/Handler.php", "onLoadExtensionSchemaUpdates");
	check_paths(&h);
	php_hook_clear(&h);
	if (php_method_paths(paths, src, len, "tests/phpunit/XSchemaTest.php", "getSchemaSQLDirs"))
		for (int d = 0; d < MW_DBMS__COUNT; d++)
			free(paths[d]);
	if (php_method_path(&path, src, len, "tests/phpunit/XSchemaTest.php", "getSchemasDirectory"))
		free(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char head[] = "<?php class H { public function onLoadExtensionSchemaUpdates( "
				   "$updater ) { $dbType = $updater->getDB()->getType(); ";
	char *body = malloc(sizeof(head) + size + 8);

	run((const char *)data, size);
	memcpy(body, head, sizeof(head) - 1);
	memcpy(body + sizeof(head) - 1, data, size);
	memcpy(body + sizeof(head) - 1 + size, " } }", 4);
	run(body, sizeof(head) - 1 + size + 4);
	free(body);
	return 0;
}
