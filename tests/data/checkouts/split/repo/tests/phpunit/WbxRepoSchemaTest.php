<?php
namespace Wbx\Repo\Tests;

use MediaWiki\Tests\Structure\AbstractSchemaTestBase;

class WbxRepoSchemaTest extends AbstractSchemaTestBase {
	protected static function getSchemasDirectory(): string {
		return __DIR__ . '/../../sql/abstract/';
	}

	protected static function getSchemaChangesDirectory(): string {
		return __DIR__ . '/../../sql/abstractSchemaChanges/';
	}

	protected static function getSchemaSQLDirs(): array {
		return [
			'mysql' => __DIR__ . '/../../sql/mysql/',
			'sqlite' => __DIR__ . '/../../sql/sqlite',
			'postgres' => __DIR__ . '/../../sql/postgres',
		];
	}

	protected static function getSchemaChangesSQLDirs(): array {
		return [
			'mysql' => __DIR__ . '/../../sql/mysql/archives',
			'sqlite' => __DIR__ . '/../../sql/sqlite/archives',
			'postgres' => __DIR__ . '/../../sql/postgres/archives',
		];
	}
}
