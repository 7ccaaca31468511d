<?php
use MediaWiki\Tests\Structure\AbstractSchemaTestBase;

class CixSchemaTest extends AbstractSchemaTestBase {
	protected static function getSchemasDirectory(): string {
		return dirname( __DIR__, 3 ) . '/database/schema';
	}

	protected static function getSchemaChangesDirectory(): string {
		return dirname( __DIR__, 3 ) . '/database/changes';
	}

	protected static function getSchemaSQLDirs(): array {
		$base = dirname( __DIR__, 3 ) . '/database/sql';
		return [
			'mysql' => "$base/mysql",
			'sqlite' => "$base/sqlite",
		];
	}
}
