<?php
namespace MediaWiki\Extension\Pax\HookHandler;

class SchemaHooks {
	public function onLoadExtensionSchemaUpdates( $updater ) {
		$dbDir = __DIR__ . '/../../db';
		$type = $updater->getDB()->getType();
		$updater->addExtensionTable( 'pax', "$dbDir/$type/tables-generated.sql" );
	}
}
