<?php
class FrxUpdaterHooks {
	public static function onLoadExtensionSchemaUpdates( $du ) {
		$dbType = $du->getDB()->getType();
		$du->addExtensionTable( 'frx', __DIR__ . "/$dbType/tables-generated.sql" );
	}
}
